from workforce.models.posts import Post, PostImport, PostStatusChange
from workforce.models.readiness import ImplementationChecklistItem, TrustChecklistStatus
from workforce.models.returns import WorkforceReturn

__all__ = [
    "ImplementationChecklistItem",
    "Post",
    "PostImport",
    "PostStatusChange",
    "TrustChecklistStatus",
    "WorkforceReturn",
]
