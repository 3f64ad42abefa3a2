// Texts of the admin console's server-paged lists (docs/admin-paging.md).
export default {
  paging: {
    devices: "Search by device name or room",
    people: "{n} accounts",
    recordings: "{n} recordings",
    pageOf: "Page {page} of {pages}",
  },
};
