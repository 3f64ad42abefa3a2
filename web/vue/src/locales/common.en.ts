// Texts every Vue page shares, English. Keys must match common.zh-CN.ts (a unit test checks).
export default {
  app: { title: "Shared Classroom" },
  common: { error: "Something went wrong", listSeparator: ", " },
};
