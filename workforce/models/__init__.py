from workforce.models.posts import Post, PostImport, PostStatusChange
from workforce.models.readiness import ImplementationChecklistItem, TrustChecklistStatus
from workforce.models.returns import WorkforceReturn
from workforce.models.versions import PostVersion

__all__ = [
    "ImplementationChecklistItem",
    "Post",
    "PostImport",
    "PostStatusChange",
    "PostVersion",
    "TrustChecklistStatus",
    "WorkforceReturn",
]
