// Lesson evaluation (评课) texts on the replay page, Simplified Chinese (the default). Keys must match evaluation.en.ts (a unit test checks).
export default {
  evaluation: {
    title: "评课",
    means: "各项平均分（{n} 份评分表）",
    criterion: "评价项",
    mean: "平均分",
    commentLabel: "在 {time} 处写评语",
    commentSend: "提交评语",
    commentSent: "评语已保存。",
    comments: "评语（按课堂时间）",
    noComments: "还没有评语。",
    at: "{time}",
    delete: "删除",
    mySheet: "我的评分表（1–5 分）",
    mySheetSaved: "我的评分表（已保存，可修改）",
    summary: "总评",
    save: "保存评分",
    saved: "评分已保存。",
    sheets: "评分表",
    noSheets: "还没有人评分。",
    separator: "；",
  },
};
