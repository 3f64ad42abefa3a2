// Deleting a person in the people view (docs/admin-people.md "Deleting a person"), Simplified Chinese. Keys must match admin-person-delete.en.ts.
// Merged into the page's messages by the delete dialog's chunk, not at start.
export default {
  peopleDelete: {
    button: "删除",
    buttonFor: "删除 {name} 的账号",
    title: "删除 {name}",
    intro: "将永久删除此人的账号，无法撤销：",
    account: "无法再登录：密码、动态码、所有会话和访问令牌立即失效；用户名可再次使用。",
    personal: "姓名、用户名等个人信息被抹去，角色全部移除。",
    kept: "审计日志、评课记录等他人需要的记录保留，但不再显示此人的姓名。",
    student: "此人是学生：其在本校班级名单中的条目、缺勤记录中的姓名和回放观看记录也一并抹去。",
    disableInstead: "如只需停止访问，请改用“停用”。",
    typeToConfirm: "请输入此人的姓名“{name}”或用户名“{userName}”以确认",
    confirmLabel: "姓名或用户名",
    confirm: "永久删除",
    cancel: "取消",
    deleted: "已删除账号“{name}”。",
  },
};
