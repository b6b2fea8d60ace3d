"""Demo data for local runs and the browser checks (`manage.py seed_demo`), and
the demo logins (`demo_logins`, `totp_code`). No product code imports it: it sits
above every app, and seed_demo refuses to run in production."""
