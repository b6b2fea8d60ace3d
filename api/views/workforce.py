"""Posts: trust-scoped through workforce.permissions, written through the web's
forms and services so the state machine and its history rows are the same."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from api.bulk import posts_bulk_upsert
from api.filters import UserFilterBackend
from api.serializers.workforce import (
    BulkResultSerializer,
    BulkRowSerializer,
    PostSerializer,
    PostStatusChangeSerializer,
    PostWriteSerializer,
    StatusChangeWriteSerializer,
)
from api.webforms import form_data, valid_or_400
from workforce import permissions as perms
from workforce.filters import PostFilter
from workforce.forms import (
    POST_FIELDS,
    PostCreateForm,
    PostForm,
    StatusChangeForm,
)
from workforce.services import post_change_status, post_create, post_save_edits


class RegisterUsers(IsAuthenticated):
    """The post register is for trust leads and coordinators (403 otherwise)."""

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        if not perms.can_use_register(request.user):
            raise PermissionDenied("The post register is for trust leads")
        return True


@extend_schema_view(
    create=extend_schema(request=PostWriteSerializer, responses={201: PostSerializer}),
    partial_update=extend_schema(request=PostWriteSerializer, responses=PostSerializer),
)
class PostViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """PSW posts. A trust lead sees and writes only their own trust's posts
    (another trust's post is 404); coordinators all of them."""

    permission_classes = [RegisterUsers]
    serializer_class = PostSerializer
    lookup_value_regex = r"\d+"
    filter_backends = [UserFilterBackend]
    filterset_class = PostFilter
    filterset_needs_user = True
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return (
            perms.posts_visible_to(self.request.user)
            .select_related("trust")
            .order_by("trust__name", "local_ref", "pk")
        )

    def get_object(self):
        return perms.get_post_for_view(self.request.user, self.kwargs["pk"])

    def create(self, request):
        form = PostCreateForm(form_data(request.data), user=request.user)
        valid_or_400(form)
        post = post_create(post=form.save(commit=False), actor=request.user)
        return Response(self._out(post), status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        post = perms.get_post_for_change(request.user, pk)
        data = form_data(request.data, instance=post, fields=POST_FIELDS)
        moved = {"status", "status_effective_date"} & set(request.data)
        if moved:  # only the state machine may move a post (and record it)
            message = "Change the status with POST /api/v1/posts/{id}/status/"
            raise ValidationError({name: [message] for name in sorted(moved)})
        form = PostForm(data, instance=post, user=request.user)
        valid_or_400(form)
        post = post_save_edits(post=form.save(commit=False), actor=request.user)
        return Response(self._out(post))

    @extend_schema(
        request=StatusChangeWriteSerializer,
        responses={201: PostStatusChangeSerializer},
    )
    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):
        """Move the post along its state machine; records a dated status change."""
        post = perms.get_post_for_change(request.user, pk)
        data = valid_or_400(StatusChangeForm(form_data(request.data), post=post))
        change = post_change_status(post=post, actor=request.user, **data)
        return Response(
            PostStatusChangeSerializer(change).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(responses=PostStatusChangeSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def changes(self, request, pk=None):
        """The post's dated status history, newest first."""
        post = self.get_object()
        changes = post.changes.order_by("-effective_date", "-pk")
        return Response(PostStatusChangeSerializer(changes, many=True).data)

    @extend_schema(
        request=BulkRowSerializer(many=True), responses={200: BulkResultSerializer}
    )
    @action(detail=False, methods=["post"], filter_backends=[])
    def bulk(self, request):
        """Create or update posts matched on (trust, local_ref), all or none,
        with the CSV import's columns and checks."""
        counts = posts_bulk_upsert(payload=request.data, user=request.user)
        return Response(
            {
                "created": counts["create"],
                "updated": counts["update"],
                "unchanged": counts["unchanged"],
            }
        )

    def _out(self, post):
        post.refresh_from_db()
        return PostSerializer(post, context=self.get_serializer_context()).data
