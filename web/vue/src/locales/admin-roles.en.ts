// Editing a person's roles in the people view (docs/admin-people.md "Roles"), English. Keys must match admin-roles.zh-CN.ts.
// Merged into the page's messages by the people view's chunk (admin/people-roles.ts), not at start.
export default {
  peopleRoles: {
    button: "Roles",
    buttonFor: "Edit the roles of {name}",
    title: "Roles of {name}",
    help: "Changes apply at once: the person's next action is judged by the new roles. You can add or remove only roles you could hand out yourself.",
    held: "Current roles",
    remove: "Remove",
    removeFor: "Remove role: {grant}",
    removeConfirm: "Remove “{grant}”? The person loses what this role allows at once.",
    removeButton: "Remove",
    removed: "Removed “{grant}”.",
    addTitle: "Add a role",
    add: "Add role",
    added: "Added “{grant}”.",
    cancel: "Cancel",
    close: "Close",
  },
};
