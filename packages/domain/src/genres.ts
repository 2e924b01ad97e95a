// Genres are free text, so "Sci-Fi " and "sci-fi" must be one genre.

/** Trimmed, inner whitespace collapsed to one space, lower-case. */
export function normalizeGenre(genre: string): string {
  return genre.trim().replace(/\s+/g, " ").toLowerCase();
}

/**
 * Each genre normalised, duplicates dropped (the first occurrence keeps its place). Empty
 * results are kept: refusing them is the input schema's job.
 */
export function normalizeGenres(genres: readonly string[]): string[] {
  return [...new Set(genres.map(normalizeGenre))];
}
