/** API v1 JSON shapes (snake_case). Fields are only ever added, never renamed or removed. */
export function creatorJson(c: {
  id: string;
  email: string;
  fullName: string;
  handle: string | null;
  status: string;
  createdAt: Date;
}) {
  return {
    id: c.id,
    email: c.email,
    full_name: c.fullName,
    handle: c.handle,
    status: c.status,
    created_at: c.createdAt.toISOString(),
  };
}
