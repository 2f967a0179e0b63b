/** The demo logins printed on first run and in the README. Only ever created in development/demo mode. */
export const DEMO_BRAND = {
  workspaceName: "Glow Skincare",
  ownerName: "Brooke Brand",
  email: "brand@tally.dev",
  password: "tally-demo-brand",
};

export const DEMO_CREATOR = {
  fullName: "Camila Creator",
  handle: "camilacreates",
  email: "creator@tally.dev",
  password: "tally-demo-creator",
};
