/**
 * Generated from the API's OpenAPI document by `npm run generate:api -w web`. Do not edit:
 * a test fails when regenerating would change this file.
 */
export interface paths {
    "/api/genres/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Genres with their movie counts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Every genre */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Genres"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Alive */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/movies/{tmdb_id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Movie details (TMDB metadata on demand, cached) */
        get: {
            parameters: {
                query?: {
                    /** @description Include this user's rating. */
                    user_id?: number;
                };
                header?: never;
                path: {
                    /** @description TMDB id. */
                    tmdb_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The movie */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MovieDetails"];
                    };
                };
                /** @description Invalid input (the message names the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A backend is unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/movies/search/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Typo-tolerant title search */
        get: {
            parameters: {
                query: {
                    /** @description Items per page (1–100). */
                    limit?: number;
                    /** @description Items to skip. */
                    offset?: number;
                    /** @description Title or part of it; accents, case and punctuation are ignored. */
                    q: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Best matches first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MoviePage"];
                    };
                };
                /** @description Invalid input (the message names the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/recommendations/because-you-watched/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Rows of neighbours of the user's recent highly rated movies */
        get: {
            parameters: {
                query: {
                    /** @description Movies per row. */
                    limit?: number;
                    /** @description How many recent liked movies to build rows from. */
                    rows?: number;
                    /** @description The user to recommend for. */
                    user_id: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One row per recent liked movie */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BecauseYouWatched"];
                    };
                };
                /** @description Invalid input (the message names the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/recommendations/by-genre/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Personal picks inside a genre (top rated in it without a user) */
        get: {
            parameters: {
                query: {
                    genre: components["schemas"]["Genre"];
                    /** @description Items per page (1–100). */
                    limit?: number;
                    /** @description Items to skip. */
                    offset?: number;
                    /** @description Personal picks for this user; without it, the genre's top rated. */
                    user_id?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Recommendations, best first, each with a reason */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecommendationPage"];
                    };
                };
                /** @description Invalid input (the message names the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/recommendations/for-you/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Personal picks: the user tower's embedding → nearest unrated movies */
        get: {
            parameters: {
                query: {
                    /** @description Items per page (1–100). */
                    limit?: number;
                    /** @description Items to skip. */
                    offset?: number;
                    /** @description The user to recommend for. */
                    user_id: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Recommendations, best first, each with a reason */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecommendationPage"];
                    };
                };
                /** @description Invalid input (the message names the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/recommendations/seed-movies/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Onboarding candidates: popular, well rated, spread across the chosen genres */
        get: {
            parameters: {
                query?: {
                    /** @description Comma-separated genres chosen during onboarding; without it, every genre. */
                    genres?: components["schemas"]["Genre"][];
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Movies to rate */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SeedMovies"];
                    };
                };
                /** @description Invalid input (the message names the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/recommendations/similar/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Movies nearest to a movie */
        get: {
            parameters: {
                query: {
                    /** @description Items per page (1–100). */
                    limit?: number;
                    /** @description Items to skip. */
                    offset?: number;
                    /** @description The movie to find neighbours of. */
                    tmdb_id: number;
                    /** @description Leave out the movies this user rated. */
                    user_id?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Recommendations, best first, each with a reason */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecommendationPage"];
                    };
                };
                /** @description Invalid input (the message names the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/recommendations/top-rated/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Well-rated popular movies (for visitors not signed in) */
        get: {
            parameters: {
                query?: {
                    genre?: components["schemas"]["Genre"];
                    /** @description Items per page (1–100). */
                    limit?: number;
                    /** @description Items to skip. */
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Recommendations, best first, each with a reason */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecommendationPage"];
                    };
                };
                /** @description Invalid input (the message names the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/recommendations/trending/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recent rating activity, time-decayed (refreshed by the scheduled job) */
        get: {
            parameters: {
                query?: {
                    genre?: components["schemas"]["Genre"];
                    /** @description Items per page (1–100). */
                    limit?: number;
                    /** @description Items to skip. */
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Recommendations, best first, each with a reason */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecommendationPage"];
                    };
                };
                /** @description Invalid input (the message names the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/status/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Backends in use and whether they answer */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Every backend */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Status"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users to impersonate, with rating counts, distinctive genres and favourite movies */
        get: {
            parameters: {
                query?: {
                    kind?: "movielens" | "cold_start";
                    /** @description Items per page (1–100). */
                    limit?: number;
                    /** @description Items to skip. */
                    offset?: number;
                    /** @description A prefix of the user id or MovieLens id. */
                    search?: string;
                    /** @description id, or most ratings first. */
                    sort?: "id" | "ratings";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of users */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UserSummaryPage"];
                    };
                };
                /** @description Invalid input (the message names the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/rate/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rate or re-rate a movie as this user
         * @description Cold-start users need their token (Authorization: Bearer). MovieLens users are read-only unless DEMO_WRITES is on.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description User id. */
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["MovieRatingInput"];
                };
            };
            responses: {
                /** @description Rating replaced */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateResult"];
                    };
                };
                /** @description Rating created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateResult"];
                    };
                };
                /** @description Invalid input (the message names the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Understood but cannot be processed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/ratings/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user's ratings, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description Items per page (1–100). */
                    limit?: number;
                    /** @description Items to skip. */
                    offset?: number;
                };
                header?: never;
                path: {
                    /** @description User id. */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of ratings */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UserRatingPage"];
                    };
                };
                /** @description Invalid input (the message names the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/statistics/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Rating distribution, top genres and activity over time */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description User id. */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Statistics */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UserStatistics"];
                    };
                };
                /** @description Invalid input (the message names the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/cold_start/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a user from chosen genres and at least five ratings */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ColdStartInput"];
                };
            };
            responses: {
                /** @description The new user and its secret token */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ColdStartResult"];
                    };
                };
                /** @description Invalid input (the message names the field) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Understood but cannot be processed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        BecauseYouWatched: {
            rows: {
                because: components["schemas"]["Movie"];
                items: components["schemas"]["Recommendation"][];
                rating: number;
            }[];
            source: components["schemas"]["ListSource"];
        };
        ColdStartInput: {
            /** @description Chosen genres (see /api/genres/). */
            genres: components["schemas"]["Genre"][];
            /** @description At least 5 rated movies, each once. */
            ratings: components["schemas"]["MovieRatingInput"][];
        };
        ColdStartResult: {
            /** @description Secret; send as "Authorization: Bearer <token>" to rate as this user. Shown once. */
            token: string;
            user: components["schemas"]["User"];
        };
        Error: {
            error: {
                /** @enum {string} */
                code: "invalid_input" | "not_found" | "method_not_allowed" | "conflict" | "unprocessable" | "unauthorized" | "forbidden" | "unavailable" | "internal";
                issues?: {
                    message: string;
                    path: string;
                }[];
                message: string;
            };
        };
        /**
         * @example Sci-Fi
         * @enum {string}
         */
        Genre: "Action" | "Adventure" | "Animation" | "Children" | "Comedy" | "Crime" | "Documentary" | "Drama" | "Fantasy" | "Film-Noir" | "Horror" | "IMAX" | "Musical" | "Mystery" | "Romance" | "Sci-Fi" | "Thriller" | "War" | "Western";
        Genres: {
            items: {
                movie_count: number;
                name: string;
            }[];
        };
        ListSource: {
            /** @description True when a fallback served this list. */
            degraded: boolean;
            /** @description User encoder that produced the embedding. */
            encoder: string | null;
            /** @description Vector index that answered. */
            index: string | null;
            /** @description What the user should know about a fallback. */
            notice: string | null;
        };
        Movie: {
            /** Format: uri */
            backdrop_url: string | null;
            genres: string[];
            /** @description The project's movie id. */
            id: number;
            movielens_id: number | null;
            overview: string | null;
            /**
             * Format: uri
             * @description TMDB image CDN URL; null when no poster is known.
             */
            poster_url: string | null;
            title: string;
            tmdb_id: number | null;
            vote_average: number | null;
            vote_count: number | null;
            year: number | null;
        };
        MovieDetails: components["schemas"]["Movie"] & {
            imdb_id: string | null;
            keywords: string[];
            /**
             * @description Where the metadata came from.
             * @enum {string|null}
             */
            metadata_source: "snapshot" | "tmdb" | null;
            popularity: number | null;
            /** @description Minutes. */
            runtime: number | null;
            tagline: string | null;
            /** @description The user's rating when user_id is given. */
            user_rating: number | null;
        };
        MoviePage: {
            has_more: boolean;
            items: components["schemas"]["Movie"][];
            limit: number;
            offset: number;
            /** @description Null for ranked searches, whose total is open-ended. */
            total: number | null;
        };
        MovieRatingInput: components["schemas"]["RatingByTmdbId"] | components["schemas"]["RatingByMovieId"];
        RateResult: {
            created: boolean;
            movie: components["schemas"]["Movie"];
            /** Format: date-time */
            rated_at: string;
            rating: number;
            user_id: number;
        };
        RatingByMovieId: {
            /** @description The project's movie id (for movies without a TMDB id). */
            movie_id: number;
            /**
             * @description 0.5 to 5 stars in halves.
             * @example 4.5
             */
            rating: number;
        };
        RatingByTmdbId: {
            /**
             * @description 0.5 to 5 stars in halves.
             * @example 4.5
             */
            rating: number;
            /** @description TMDB id of the movie. */
            tmdb_id: number;
        };
        Recommendation: components["schemas"]["Movie"] & {
            /** @example Because you watched Heat */
            reason: string;
            score: number;
        };
        RecommendationPage: {
            has_more: boolean;
            items: components["schemas"]["Recommendation"][];
            limit: number;
            offset: number;
            source: components["schemas"]["ListSource"];
            /** @description Null for ranked searches, whose total is open-ended. */
            total: number | null;
        };
        SeedMovies: {
            items: components["schemas"]["Recommendation"][];
        };
        Status: {
            database: {
                counts: {
                    movies: number;
                    ratings: number;
                    users: number;
                } | null;
                detail: string | null;
                name: string;
                reachable: boolean;
                role: string;
            };
            encoder: {
                detail: string | null;
                name: string;
                reachable: boolean;
                role: string;
            }[];
            metadata: {
                detail: string | null;
                name: string;
                reachable: boolean;
                role: string;
            }[];
            /** @enum {string} */
            status: "ok" | "degraded";
            vector_index: {
                detail: string | null;
                name: string;
                points: number | null;
                reachable: boolean;
                role: string;
            }[];
        };
        User: {
            /** Format: date-time */
            created_at: string;
            id: number;
            /** @enum {string} */
            kind: "movielens" | "cold_start";
            movielens_id: number | null;
            preferred_genres: string[];
            /** @description True when nobody may rate as this user here: a MovieLens user while DEMO_WRITES is off. */
            read_only: boolean;
        };
        UserRating: {
            movie: components["schemas"]["Movie"];
            /** Format: date-time */
            rated_at: string;
            rating: number;
        };
        UserRatingPage: {
            has_more: boolean;
            items: components["schemas"]["UserRating"][];
            limit: number;
            offset: number;
            /** @description Null for ranked searches, whose total is open-ended. */
            total: number | null;
        };
        UserStatistics: {
            activity: {
                count: number;
                /** @example 2018-09 */
                month: string;
            }[];
            average_rating: number | null;
            distribution: {
                count: number;
                rating: number;
            }[];
            /** Format: date-time */
            first_rated_at: string | null;
            /** Format: date-time */
            last_rated_at: string | null;
            rating_count: number;
            /** @description The ten most rated genres, by count (unlike UserSummary.top_genres). */
            top_genres: {
                average_rating: number;
                count: number;
                genre: string;
            }[];
            user: components["schemas"]["User"];
        };
        UserSummary: {
            /** @description The user's best-rated movies (ties: more TMDB votes, then newer), posters first. */
            favorite_movies: components["schemas"]["Movie"][];
            id: number;
            /** @enum {string} */
            kind: "movielens" | "cold_start";
            movielens_id: number | null;
            rating_count: number;
            /** @description True when nobody may rate as this user here: a MovieLens user while DEMO_WRITES is off. */
            read_only: boolean;
            /** @description Up to three genres that set the user apart: by lift (the user's share of ratings in the genre over the average user's), among genres with at least 3 and 5% of the user's ratings; then by count. */
            top_genres: string[];
        };
        UserSummaryPage: {
            has_more: boolean;
            items: components["schemas"]["UserSummary"][];
            limit: number;
            offset: number;
            /** @description Null for ranked searches, whose total is open-ended. */
            total: number | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
