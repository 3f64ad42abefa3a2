// Texts every Vue page shares, Simplified Chinese (the default). Keys must match common.en.ts (a unit test checks).
export default {
  app: { title: "同上一节课" },
  common: { error: "出错了", listSeparator: "、" },
};
