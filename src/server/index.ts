export { API_VERSION, type AppOptions, createApp } from "./app.ts";
export { ApiError, PROBLEM_TYPE, type Problem, problemResponse } from "./problem.ts";
export { type RunningServer, startServer } from "./serve.ts";
