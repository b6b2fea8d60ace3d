"""Which rows "download my data" includes: every field that points at a person.

Built by hand, not from `user._meta.related_objects`, which leaves out every
relation declared with related_name="+". A test lists every foreign key,
one-to-one and many-to-many to the user model in every installed app and fails
when one is in neither EXPORTED nor NOT_EXPORTED, so a new one cannot be
forgotten.

EXPORTED maps a model to the lookups that tie its rows to the person; a row is
included when any of them matches. A lookup may go through another model
(comments on the person's consultation responses).
"""

EXPORTED: dict[str, tuple[str, ...]] = {
    "account.emailaddress": ("user",),
    # NHSmail sign-in stores no link; any row made by hand (the admin) is theirs.
    "socialaccount.socialaccount": ("user",),
    "admin.logentry": ("user",),
    "api.apitoken": ("user",),
    "core.notification": ("recipient",),
    "core.notificationpreference": ("user",),
    "core.reminderleadtime": ("updated_by",),
    "network.actionplan": ("created_by", "updated_by"),
    "network.actionitem": ("owner", "created_by", "updated_by"),
    "network.actionupdate": ("author",),
    "network.meeting": ("chair", "created_by", "updated_by"),
    "network.meetingattendance": ("user",),
    "network.meetingseries": ("default_chair", "invitees", "created_by", "updated_by"),
    "network.meetingpaper": ("uploaded_by",),
    "network.agendaitem": ("presenter",),
    "network.minutescomment": ("author",),
    "network.calendarfeedtoken": ("user",),
    "network.termsofreference": ("created_by", "updated_by"),
    "network.membertrust": ("created_by", "updated_by"),
    "workforce.post": ("created_by", "updated_by"),
    "workforce.historicalpost": ("history_user", "created_by", "updated_by"),
    "workforce.poststatuschange": ("changed_by",),
    "workforce.postimport": ("created_by", "updated_by"),
    "workforce.historicalimplementationchecklistitem": ("history_user",),
    "workforce.trustcheckliststatus": ("updated_by",),
    "workforce.historicaltrustcheckliststatus": ("history_user", "updated_by"),
    "workforce.workforcereturn": (
        "created_by",
        "updated_by",
        "submitted_by",
        "confirmed_by",
    ),
    "standards.standard": ("owner", "created_by", "updated_by"),
    "standards.standardversion": ("created_by", "updated_by"),
    "standards.standardversionedit": ("edited_by",),
    "standards.consultationresponse": (
        "respondent",
        "created_by",
        "updated_by",
        "disposition_by",
    ),
    "standards.consultationcomment": (
        "response__respondent",
        "created_by",
        "updated_by",
        "disposition_by",
    ),
    "standards.standardadoption": ("created_by", "updated_by"),
    "training.trainingprovider": ("created_by", "updated_by"),
    "training.trainingopportunity": ("created_by", "updated_by"),
    "training.trainingbooking": ("user",),
    "training.traininginterest": ("user",),
}

# Fields to the user that are deliberately left out, and why.
NOT_EXPORTED: dict[tuple[str, str], str] = {
    ("mfa.authenticator", "user"): "holds secrets; the download lists the types",
    ("audit.auditevent", "actor"): "listed in the download's own audit sections",
}
