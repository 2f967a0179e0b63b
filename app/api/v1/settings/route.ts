import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";
import { settingsJson, ZUpdateSettings } from "@/lib/api/v1/payouts";
import { parseInput, readJsonBody } from "@/lib/api/v1/request";
import { getPayoutSettings, updatePayoutHoldDays } from "@/lib/payouts/update-payout-settings";

export const GET = withApiKey(async ({ db, workspace }) => {
  return Response.json({ data: settingsJson(await getPayoutSettings(db, workspace.id)) });
});

export const PATCH = withApiKey(async ({ req, db, workspace, apiKeyId }) => {
  const body = parseInput(ZUpdateSettings, await readJsonBody(req), { unknownKey: (key) => `"${key}" is not a setting that can be changed: send payout_hold_days.` });
  const updated = await updatePayoutHoldDays(db, { workspaceId: workspace.id, holdDays: body.payout_hold_days, actor: { kind: "api_key", id: apiKeyId } });
  return Response.json({ data: settingsJson(updated) });
});

export const { POST, PUT, DELETE } = methodsNotAllowed(["GET", "PATCH"]);
