"""Member trusts, meetings and the action plan, through network.permissions."""

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from api.filters import filtered_or_400, form_parameters
from api.permissions import Public
from api.serializers.network import (
    ActionItemSerializer,
    ActionItemWriteSerializer,
    ActionUpdateSerializer,
    MeetingSerializer,
    MemberTrustSerializer,
    ProgressWriteSerializer,
)
from api.webforms import form_data, valid_or_400
from core.roles import deny_unless
from network import permissions, services
from network.filters import ActionFilter, TrustFilter
from network.forms.actions import ActionItemForm, ProgressForm
from network.models import ActionItem, MemberTrust


@extend_schema_view(list=extend_schema(parameters=form_parameters(TrustFilter)))
class MemberTrustViewSet(viewsets.ReadOnlyModelViewSet):
    """Member trusts, current and historic. Contact details only when signed in."""

    permission_classes = [Public]
    serializer_class = MemberTrustSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        trusts = MemberTrust.objects.prefetch_related("successors").order_by("name")
        if self.action != "list":
            return trusts
        return filtered_or_400(TrustFilter(self.request.query_params, queryset=trusts))


WHEN = OpenApiParameter(
    "when",
    OpenApiTypes.STR,
    enum=["upcoming", "past"],
    description="Upcoming (soonest first) or past (latest first); default all.",
)


@extend_schema_view(list=extend_schema(parameters=[WHEN]))
class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """Meetings: the public sees public ones; signed-in members see every one."""

    permission_classes = [Public]
    serializer_class = MeetingSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        meetings = permissions.meetings_visible_to(self.request.user).order_by(
            "starts_at", "pk"
        )
        when = self.request.query_params.get("when", "")
        if self.action != "list" or not when:
            return meetings
        if when == "upcoming":
            return meetings.filter(starts_at__gte=timezone.now())
        if when == "past":
            return meetings.filter(starts_at__lt=timezone.now()).order_by(
                "-starts_at", "-pk"
            )
        raise ValidationError({"when": ["Choose upcoming or past"]})


@extend_schema_view(
    list=extend_schema(
        parameters=form_parameters(ActionFilter),
        description="Items of the active plan (or ?plan=), filtered as on the web.",
    ),
    create=extend_schema(
        request=ActionItemWriteSerializer, responses={201: ActionItemSerializer}
    ),
    partial_update=extend_schema(
        request=ActionItemWriteSerializer, responses=ActionItemSerializer
    ),
)
class ActionItemViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Action items. Coordinators create and edit; owners, their trust's lead and
    coordinators post progress (network.permissions)."""

    permission_classes = [IsAuthenticated]
    serializer_class = ActionItemSerializer
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema needs the model
            return ActionItem.objects.none()
        if self.action == "list":
            params = self.request.query_params
            items = filtered_or_400(ActionFilter(params, user=self.request.user))
            # The web's list shows each item's objective and lead trust; the API
            # names only the owner, so it leaves the other two joins out.
            return items.select_related(None).select_related("owner")
        return permissions.actions_visible_to(self.request.user).select_related("owner")

    def get_object(self):
        item = permissions.get_action_for_view(self.request.user, self.kwargs["pk"])
        self.check_object_permissions(self.request, item)
        return item

    def create(self, request):
        deny_unless(permissions.can_manage_actions(request.user))
        data = valid_or_400(ActionItemForm(form_data(request.data)))
        data.pop("version", None)
        item = services.action_create(**data, actor=request.user)
        return Response(self._out(item), status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        item = self.get_object()
        deny_unless(permissions.can_manage_actions(request.user))
        fields = ActionItemForm.Meta.fields
        form = ActionItemForm(
            form_data(request.data, instance=item, fields=fields), instance=item
        )
        data = valid_or_400(form)
        services.action_edit(
            item=form.instance,
            expected_version=data["version"] or 0,
            actor=request.user,
        )
        return Response(self._out(form.instance))

    @extend_schema(
        request=ProgressWriteSerializer, responses={201: ActionUpdateSerializer}
    )
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        """Post a progress update; it moves the item's status and RAG."""
        item = permissions.get_action_for_update(request.user, pk)
        data = dict(valid_or_400(ProgressForm(form_data(request.data), item=item)))
        update = services.action_progress_post(
            item=item,
            expected_version=data.pop("version"),
            actor=request.user,
            **data,
        )
        return Response(
            ActionUpdateSerializer(update).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(responses=ActionUpdateSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def updates(self, request, pk=None):
        """The item's progress history, newest first."""
        item = self.get_object()
        updates = item.updates.select_related("author")
        return Response(ActionUpdateSerializer(updates, many=True).data)

    def _out(self, item):
        item.refresh_from_db()
        return self.get_serializer(item).data
