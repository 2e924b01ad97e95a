import { z } from "zod";
import { normalizeGenre, normalizeGenres } from "@marquee/domain";
import { createMovie } from "../services/catalog/create-movie";
import { deleteMovie } from "../services/catalog/delete-movie";
import { getMovie, listMovies } from "../services/catalog/find-movies";
import { updateMovie } from "../services/catalog/update-movie";
import { restOutput } from "../openapi";
import { adminProcedure, publicProcedure, router } from "../trpc";
import { plainText, ZId, ZLocalDate, ZPageInput, ZQuery, ZText } from "./schemas";

const ZGenre = ZText(200)
  .transform(normalizeGenre)
  .pipe(z.string().min(1, { error: "a genre cannot be empty" }).max(40));

export const ZMovieFields = z.object({
  title: plainText(
    z
      .string()
      .trim()
      .min(1, { error: "a title is required" })
      .max(200, { error: "a title has at most 200 characters" }),
  ),
  description: ZText(5000, { multiline: true }).optional(),
  genres: z.array(ZGenre).max(20, { error: "at most 20 genres" }).transform(normalizeGenres),
  durationMinutes: z
    .number()
    .int({ error: "must be a whole number of minutes" })
    .min(1, { error: "must be at least 1 minute" })
    .max(600, { error: "must be at most 600 minutes" }),
  rating: plainText(z.string().trim().min(1).max(20)).nullable().optional(),
  posterUrl: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .max(2000)
    .nullable()
    .optional(),
  releaseDate: ZLocalDate.nullable().optional(),
});

export const ZMovieCreateInput = ZMovieFields;
export const ZMovieUpdateInput = ZMovieFields.partial().extend({ id: ZId });

export const ZMovieListInput = ZPageInput.extend({
  query: ZQuery.optional(),
  genre: ZGenre.optional(),
  date: ZLocalDate.optional(),
}).default({ limit: 50 });

export const movieRouter = router({
  list: publicProcedure
    .meta({ openapi: { method: "GET", path: "/movies", tags: ["catalogue"], summary: "Films" } })
    .input(ZMovieListInput)
    .output(restOutput<Awaited<ReturnType<typeof listMovies>>>("A page of films"))
    .query(({ ctx, input }) => listMovies(ctx, input)),
  byId: publicProcedure
    .input(z.object({ id: ZId }))
    .query(({ ctx, input }) => getMovie(ctx, input)),
  create: adminProcedure
    .input(ZMovieCreateInput)
    .mutation(({ ctx, input }) => createMovie(ctx, input)),
  update: adminProcedure
    .input(ZMovieUpdateInput)
    .mutation(({ ctx, input }) => updateMovie(ctx, input)),
  delete: adminProcedure
    .input(z.object({ id: ZId }))
    .mutation(({ ctx, input }) => deleteMovie(ctx, input)),
});
