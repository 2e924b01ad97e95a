// user.list: accounts by e-mail, searchable, one page at a time.
import { type Prisma } from "@marquee/db";
import { type Context } from "../../context";
import { decodeCursor, toPage, type Page, type PageInput } from "../pagination";
import { toSummary, userListSelect, type UserSummary } from "./views";

export async function listUsers(
  deps: Pick<Context, "db">,
  input: PageInput & { query?: string | undefined },
): Promise<Page<UserSummary>> {
  const query = input.query?.trim();
  const where: Prisma.UserWhereInput[] = [];
  if (query) {
    where.push({
      OR: [
        { email: { contains: query, mode: "insensitive" } },
        { name: { contains: query, mode: "insensitive" } },
      ],
    });
  }
  if (input.cursor) {
    const after = decodeCursor(input.cursor);
    where.push({ OR: [{ email: { gt: after.key } }, { email: after.key, id: { gt: after.id } }] });
  }
  const rows = await deps.db.user.findMany({
    where: { AND: where },
    orderBy: [{ email: "asc" }, { id: "asc" }],
    take: input.limit + 1,
    select: userListSelect,
  });
  return toPage(rows, input.limit, toSummary, (u) => ({ key: u.email, id: u.id }));
}
