// Editing a person's roles in the people view (docs/admin-people.md "Roles"), Simplified Chinese. Keys must match admin-roles.en.ts.
// Merged into the page's messages by the people view's chunk (admin/people-roles.ts), not at start.
export default {
  peopleRoles: {
    button: "角色",
    buttonFor: "编辑 {name} 的角色",
    title: "{name} 的角色",
    help: "角色立即生效：此人的下一次操作即按新的角色判断。只能添加或移除您自己可以授予的角色。",
    held: "现有角色",
    remove: "移除",
    removeFor: "移除角色：{grant}",
    removeConfirm: "移除“{grant}”？此人将立即失去这个角色的权限。",
    removeButton: "确认移除",
    removed: "已移除“{grant}”。",
    addTitle: "添加角色",
    add: "添加角色",
    added: "已添加“{grant}”。",
    cancel: "取消",
    close: "关闭",
  },
};
