// Lesson evaluation texts on the replay page, English. Keys must match evaluation.zh-CN.ts (a unit test checks).
export default {
  evaluation: {
    title: "Lesson evaluation",
    means: "Mean per criterion (score sheets: {n})",
    criterion: "Criterion",
    mean: "Mean",
    commentLabel: "Comment at {time}",
    commentSend: "Add comment",
    commentSent: "Comment saved.",
    comments: "Comments (by lesson time)",
    noComments: "No comments yet.",
    at: "{time}",
    delete: "Delete",
    mySheet: "My score sheet (1–5)",
    mySheetSaved: "My score sheet (saved; you may change it)",
    summary: "Overall comment",
    save: "Save scores",
    saved: "Scores saved.",
    sheets: "Score sheets",
    noSheets: "Nobody has scored this lesson yet.",
    separator: "; ",
  },
};
