"""The text of the demo standards: fictional, but typical of network standards."""

from standards.models import Standard

A = Standard.Area

STANDARDS = [
    # code, title, area, phase, HEE domains
    (
        "NWPSW-S01",
        "Peer support worker role description and person specification",
        A.ROLE_DEFINITION,
        "preparation",
        [1, 3],
    ),
    (
        "NWPSW-S02",
        "Values-based recruitment of peer support workers",
        A.VALUES_BASED_RECRUITMENT,
        "recruitment",
        [1],
    ),
    (
        "NWPSW-S03",
        "Supervision for peer support workers",
        A.SUPERVISION,
        "employment",
        [6],
    ),
    (
        "NWPSW-S04",
        "Wellbeing and reasonable adjustments for peer support workers",
        A.WELLBEING_ADJUSTMENTS,
        "employment",
        [6],
    ),
    (
        "NWPSW-S05",
        "Career progression and banding for peer roles",
        A.CAREER_PROGRESSION_BANDING,
        "ongoing_development",
        [9],
    ),
    (
        "NWPSW-S06",
        "Peer trainers in Recovery Colleges",
        A.PEER_TRAINER_RECOVERY_COLLEGE,
        "ongoing_development",
        [3, 7],
    ),
    (
        "NWPSW-S07",
        "Pre-employment checks for peer applicants",
        A.PRE_EMPLOYMENT,
        "recruitment",
        [],
    ),
]


def _body(purpose: str, *points: str) -> str:
    numbered = [f"## Purpose\n\n{purpose}"] + list(points)
    return "\n\n".join(numbered)


BODIES = {
    "NWPSW-S01": _body(
        "A shared description of the peer support worker role, so that every "
        "member trust recruits to the same core purpose.",
        "A peer support worker intentionally uses their own lived experience of "
        "mental health difficulties to support others in their recovery.",
        "The role is **non-directive**: peer support workers do not tell people "
        'what they should do, and do not say "try this because it worked for me".',
        "The person specification asks for lived experience and the ability to "
        "use it safely, not for a diagnosis. Applicants are never asked about "
        "their health history at interview.",
        "Entry roles are banded at Agenda for Change Band 3 or 4; senior peer "
        "roles are Band 5 and above.",
    ),
    "NWPSW-S02": _body(
        "How member trusts recruit peer support workers for their values as well "
        "as their skills.",
        "Interview panels include at least one person with lived experience.",
        "Questions explore the NHS Constitution values and the eight principles "
        "of peer support: mutual, reciprocal, non-directive, recovery-focused, "
        "strengths-based, inclusive, progressive and safe.",
        "Adverts say that lived experience is essential and explain what support "
        "is available during recruitment.",
    ),
    "NWPSW-S03": _body(
        "Every peer support worker has regular supervision that supports both "
        "their practice and their own wellbeing.",
        "Peer support workers have line management and separate practice supervision.",
        "Practice supervision is at least monthly and lasts at least one hour.",
        "Where possible, supervision is given by a senior peer worker; otherwise "
        "by a supervisor trained in peer support values.",
        "Group peer supervision across teams is offered at least quarterly.",
    ),
    "NWPSW-S04": _body(
        "Member trusts support the wellbeing of peer support workers and make "
        "reasonable adjustments without delay.",
        "A wellness plan (for example a WRAP) is offered at induction and is "
        "owned by the worker.",
        "Reasonable adjustments are agreed with the worker and reviewed at least "
        "every six months.",
    ),
    "NWPSW-S05": _body(
        "Clear routes for peer support workers to progress without leaving peer work.",
        "Each trust has at least one senior peer role at Band 5 or above.",
        "Senior peer roles supervise and develop peer support workers.",
        "Trusts publish the training that leads to each step.",
    ),
    "NWPSW-S06": _body(
        "Peer trainers co-produce and co-deliver Recovery College courses with "
        "practitioner trainers.",
        "Every course is co-designed and co-facilitated by a peer trainer and a "
        "practitioner trainer.",
        "Peer trainers receive training in adult education and co-production.",
        "Students, not patients: courses are open to anyone, without referral.",
    ),
    "NWPSW-S07": _body(
        "Pre-employment checks for peer applicants are fair and proportionate.",
        "DBS disclosures are assessed against the role, with the applicant, "
        "using a written framework.",
        "Occupational health assessments focus on support and adjustments, not "
        "on excluding people with lived experience.",
    ),
}
