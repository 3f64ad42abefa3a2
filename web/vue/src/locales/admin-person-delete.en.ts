// Deleting a person in the people view (docs/admin-people.md "Deleting a person"), English. Keys must match admin-person-delete.zh-CN.ts.
// Merged into the page's messages by the delete dialog's chunk, not at start.
export default {
  peopleDelete: {
    button: "Delete",
    buttonFor: "Delete the account of {name}",
    title: "Delete {name}",
    intro: "This person's account will be deleted for good; this cannot be undone:",
    account: "They can never sign in again: password, authenticator code, every session and access token stop at once; the user name can be used again.",
    personal: "Their name, user name and other personal details are erased, and all their roles removed.",
    kept: "Records others need, such as the audit log and lesson evaluations, stay but no longer show their name.",
    student: "This person is a student: their entry in the school's class roster, their name in absence marks and their replay viewing records are erased too.",
    disableInstead: "To only end their access, use “Disable” instead.",
    typeToConfirm: "Type the person's name “{name}” or user name “{userName}” to confirm",
    confirmLabel: "Name or user name",
    confirm: "Delete for good",
    cancel: "Cancel",
    deleted: "Deleted the account of “{name}”.",
  },
};
