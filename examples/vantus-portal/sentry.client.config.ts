import * as Sentry from "@sentry/nextjs";

Sentry.init({
  dsn: process.env.NEXT_PUBLIC_SENTRY_DSN,
  environment: process.env.NEXT_PUBLIC_VANTUS_ENV ?? "production",
  // Errors only: the plan we bought has no performance quota.
  replaysOnErrorSampleRate: 0,
  replaysSessionSampleRate: 0,
});
