"""A local stand-in for GOV.UK Notify's API, for tests (Notify cannot be reached
from here). It follows Notify's published API for sending an email:

- POST /v2/notifications/email with a JSON body (email_address, template_id,
  personalisation, reference, one_click_unsubscribe_url), answered 201 with
  the notification's id, reference, content, uri and template;
- "Authorization: Bearer <JWT>", signed HS256 with the API key's secret, `iss`
  the service id, `iat` within 30 seconds; otherwise 403 AuthError;
- every placeholder of the template in `personalisation`, or 400;
- a file as {"file": base64, "filename": …}, only of the types Notify allows;
- errors as {"status_code": N, "errors": [{"error": …, "message": …}]}.

`fail_next(status, error, message)` answers the next request with that error.
"""

import base64
import binascii
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"psw_test-{SERVICE_ID}-{SECRET}"
TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a"
PLACEHOLDERS = ("subject", "body", "file")
# The file types Notify lets a service send by email.
NOTIFY_FILE_TYPES = ".csv .doc .docx .jpeg .jpg .odt .pdf .png .rtf .txt .xlsx".split()


class FakeNotify(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, file_types=NOTIFY_FILE_TYPES):
        super().__init__(("127.0.0.1", 0), Handler)
        self.file_types = tuple(file_types)
        self.accepted: list[dict] = []  # the JSON bodies of emails sent
        self.refused: list[tuple[int, dict]] = []
        self.authorizations: list[str] = []  # every Authorization header seen
        self._failures: list[tuple[int, str, str]] = []
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def fail_next(self, status: int, error: str, message: str) -> None:
        with self._lock:
            self._failures.append((status, error, message))

    def next_failure(self):
        with self._lock:
            return self._failures.pop(0) if self._failures else None

    def __enter__(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()


class Handler(BaseHTTPRequestHandler):
    server: FakeNotify

    def log_message(self, format, *args):  # keep test output quiet
        pass

    def do_POST(self):
        self.server.authorizations.append(self.headers.get("Authorization", ""))
        if self.path != "/v2/notifications/email":
            return self.error(404, "ResourceNotFound", "No result found")
        problem = self.auth_problem()
        if problem:
            return self.error(403, "AuthError", problem)
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length))
        except ValueError:
            return self.error(400, "BadRequestError", "Invalid JSON supplied")
        failure = self.server.next_failure()
        if failure:
            return self.error(*failure, body=body)
        problem = validate(body, self.server.file_types)
        if problem:
            return self.error(400, *problem, body=body)
        self.server.accepted.append(body)
        self.reply(201, created(body, self.server.url))

    def auth_problem(self) -> str:
        header = self.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return "Unauthorized: authentication token must be provided"
        try:
            claims = jwt.decode(header[7:], SECRET, algorithms=["HS256"])
        except jwt.InvalidTokenError:
            return "Invalid token: signature, api token not found"
        if claims.get("iss") != SERVICE_ID:
            return "Invalid token: service not found"
        if abs(time.time() - int(claims.get("iat", 0))) > 30:
            return "Error: Your system clock must be accurate to within 30 seconds"
        return ""

    def error(self, status, error, message, body=None):
        if body is not None:
            self.server.refused.append((status, body))
        errors = [{"error": error, "message": message}]
        self.reply(status, {"status_code": status, "errors": errors})

    def reply(self, status: int, payload: dict) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def validate(body: dict, file_types) -> tuple[str, str] | None:
    """What Notify would refuse in the request, as (error, message)."""
    if "@" not in str(body.get("email_address", "")).strip("@"):
        return ("ValidationError", "email_address Not a valid email address")
    if body.get("template_id") != TEMPLATE_ID:
        return ("BadRequestError", "Template not found")
    values = body.get("personalisation") or {}
    missing = [name for name in PLACEHOLDERS if values.get(name) is None]
    if missing:
        return ("BadRequestError", f"Missing personalisation: {', '.join(missing)}")
    unsubscribe = body.get("one_click_unsubscribe_url")
    if unsubscribe is not None and not str(unsubscribe).startswith("https://"):
        return ("ValidationError", "one_click_unsubscribe_url is not a valid https url")
    for value in values.values():
        if isinstance(value, dict):
            problem = file_problem(value, file_types)
            if problem:
                return ("BadRequestError", problem)
    return None


def file_problem(upload: dict, file_types) -> str:
    try:
        base64.b64decode(upload.get("file", ""), validate=True)
    except (binascii.Error, ValueError):
        return "File is not valid base64"
    name = str(upload.get("filename") or "")
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if not extension:
        return "`filename` must end with a file extension. For example, filename.csv"
    if extension not in file_types:
        return (
            f"Unsupported file type '{extension}'. "
            f"Supported types are: {', '.join(file_types)}"
        )
    return ""


def created(body: dict, base: str) -> dict:
    notification_id = str(uuid.uuid4())
    values = dict(body.get("personalisation") or {})
    for key, value in values.items():
        if isinstance(value, dict):  # Notify puts a download link in its place
            values[key] = f"https://documents.example/d/{uuid.uuid4()}"
    return {
        "id": notification_id,
        "reference": body.get("reference"),
        "content": {
            "subject": values.get("subject", ""),
            "body": f"{values.get('body', '')}\n\n{values.get('file', '')}",
            "from_email": "psw.network@notifications.service.gov.uk",
            "one_click_unsubscribe_url": body.get("one_click_unsubscribe_url"),
        },
        "uri": f"{base}/v2/notifications/{notification_id}",
        "template": {
            "id": body.get("template_id"),
            "version": 1,
            "uri": f"{base}/v2/template/{body.get('template_id')}",
        },
        "scheduled_for": None,
    }
