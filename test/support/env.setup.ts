// End-to-end tests run in UTC so that date arithmetic in assertions matches the engines.
process.env.TZ = 'UTC';
