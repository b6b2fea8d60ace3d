"""The post register: list, add, edit, change status, export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from core.csvexport import EXPORT_CHUNK_SIZE, csv_response
from core.links import address_by_pk
from workforce import figures_cache
from workforce import permissions as perms
from workforce.csvimport import LABELS, REGISTER_FIELDS, register_values
from workforce.filters import PostFilter
from workforce.forms import PostCreateForm, PostForm, StatusChangeForm
from workforce.models import Post
from workforce.postsxlsx import register_workbook
from workforce.services import post_change_status, post_create, post_save_edits
from workforce.xlsx import XLSX_TYPE

PAGE_SIZE = 50


def register_crumbs(*extra) -> list[dict]:
    return [{"label": "Posts", "url": reverse("workforce:post-list")}, *extra]


def _filtered(request):
    if not perms.can_use_register(request.user):
        raise PermissionDenied
    trust = request.GET.get("trust")
    if (
        trust
        and not perms.trusts_managed_by(request.user)
        .filter(pk__in=[trust] if trust.isdigit() else [])
        .exists()
    ):
        raise Http404  # another trust's register, asked for by a tampered filter
    qs = perms.posts_visible_to(request.user).select_related("trust")
    return PostFilter(request.GET or None, queryset=qs, user=request.user)


def _register_totals(request, posts, query: str) -> dict:
    """Posts and WTE over the whole filtered register: a scan that grows with the
    data, so cached per viewer and filter, and made stale by every post write."""
    user = request.user

    def compute():
        return posts.aggregate(
            posts=Count("id"),
            total_wte=Sum("wte"),
            filled_wte=Sum("wte", filter=Q(status=Post.Status.FILLED)),
        )

    # Keyed by the viewer (and their role and trust, in case either changes), so
    # nobody is ever shown totals computed over someone else's view.
    return figures_cache.cached(
        "register-totals",
        compute,
        user=user.pk,
        role=user.role,
        trust=user.trust_id,
        query=query,
    )


SETTINGS = dict(Post.Setting.choices)
BANDS = dict(Post.Band.choices)
STATUSES = dict(Post.Status.choices)


# The register's columns: read as values, not models, for a lighter query.
ROW_FIELDS = (
    *("pk", "job_title", "local_ref", "trust__short_name"),
    *("setting", "band", "wte", "status"),
)


def _register_rows(posts) -> list[dict]:
    """What each row of the register shows, worked out in Python so the
    template only places values: a row's `reverse()`, three `get_FOO_display`
    calls and a status tag include cost more than the rest of the row."""
    address = address_by_pk("workforce:post-detail")
    return [
        {
            "url": address(post["pk"]),
            "job_title": post["job_title"],
            "local_ref": post["local_ref"],
            "trust": post["trust__short_name"],
            "setting": SETTINGS.get(post["setting"], post["setting"]),
            "band": BANDS.get(post["band"], post["band"]),
            "wte": post["wte"],
            "status": STATUSES.get(post["status"], post["status"]),
            "status_tag": Post.status_tag_for(post["status"]),
        }
        for post in posts
    ]


@login_required
def post_list(request):
    filterset = _filtered(request)
    posts = filterset.qs
    query = request.GET.copy()
    query.pop("page", None)
    totals = _register_totals(request, posts, query.urlencode())
    paginator = Paginator(posts.values(*ROW_FIELDS), PAGE_SIZE)
    paginator.count = totals["posts"]  # the same filtered set: no second COUNT(*)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "page": page,
        "rows": _register_rows(page),
        "totals": totals,
        "query": query.urlencode(),
        "can_add": True,
    }
    return render(request, "workforce/post_list.html", context)


@login_required
def post_export(request):
    """The register as the import reads it: headings and choices as labels."""
    posts = _filtered(request).qs.only(*REGISTER_FIELDS)
    rows = (register_values(p) for p in posts.iterator(chunk_size=EXPORT_CHUNK_SIZE))
    return csv_response("psw-posts.csv", LABELS, rows)


@login_required
def post_export_xlsx(request):
    """The register as an Excel workbook: the CSV's columns and labels, with
    drop-down lists, so a trust lead can edit it and import it back."""
    posts = _filtered(request).qs.only(*REGISTER_FIELDS)
    rows = (register_values(p) for p in posts.iterator(chunk_size=EXPORT_CHUNK_SIZE))
    trusts = perms.trusts_managed_by(request.user).values_list("name", flat=True)
    return xlsx_download("psw-posts.xlsx", register_workbook(rows, list(trusts)))


def xlsx_download(filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def post_create_view(request):
    if not perms.can_use_register(request.user):
        raise PermissionDenied
    form = PostCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        post = post_create(post=form.save(commit=False), actor=request.user)
        messages.success(request, f"Post “{post}” added")
        return redirect(post)
    context = {"form": form, "breadcrumbs": register_crumbs()}
    return render(request, "workforce/post_form.html", context)


@login_required
def post_detail(request, pk):
    post = perms.get_post_for_view(request.user, pk)
    history = post.history.select_related("history_user").order_by("-history_date")
    context = {
        "post": post,
        "changes": post.changes.select_related("changed_by").order_by(
            "-effective_date", "-pk"
        ),
        "field_changes": _field_changes(history[:50]),
        "can_edit": perms.can_edit_post(request.user, post),
        "breadcrumbs": register_crumbs(),
    }
    return render(request, "workforce/post_detail.html", context)


def _field_changes(records) -> list[dict]:
    """Readable change log from simple-history: which fields changed, when, who."""
    records = list(records)
    out = []
    for newer, older in zip(records, records[1:], strict=False):
        delta = newer.diff_against(older, excluded_fields=["updated_by"])
        for change in delta.changes:
            field = Post._meta.get_field(change.field)
            out.append(
                {
                    "when": newer.history_date,
                    "who": newer.history_user,
                    "field": field.verbose_name,
                    "old": _display(field, change.old),
                    "new": _display(field, change.new),
                }
            )
    return out


def _display(field, value):
    if field.choices and value:
        return dict(field.choices).get(value, value)
    return "–" if value in (None, "") else value


@login_required
def post_update(request, pk):
    post = perms.get_post_for_change(request.user, pk)
    form = PostForm(request.POST or None, instance=post, user=request.user)
    if request.method == "POST" and form.is_valid():
        post = post_save_edits(post=form.save(commit=False), actor=request.user)
        messages.success(request, "Post updated")
        return redirect(post)
    context = {
        "form": form,
        "post": post,
        "breadcrumbs": register_crumbs(
            {"label": str(post), "url": post.get_absolute_url()}
        ),
    }
    return render(request, "workforce/post_form.html", context)


@login_required
def post_status(request, pk):
    post = perms.get_post_for_change(request.user, pk)
    form = StatusChangeForm(request.POST or None, post=post)
    if request.method == "POST" and form.is_valid():
        try:
            post_change_status(post=post, actor=request.user, **form.cleaned_data)
        except ValidationError as problem:
            for field, errors in problem.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "Status changed")
            return redirect(post)
    context = {
        "form": form,
        "post": post,
        "breadcrumbs": register_crumbs(
            {"label": str(post), "url": post.get_absolute_url()}
        ),
    }
    return render(request, "workforce/post_status.html", context)
