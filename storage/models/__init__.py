"""Every table, one module per domain. Importing this package registers all tables with SQLModel.metadata.

Names are re-exported so callers write `from storage.models import Avvikelse` without knowing which
module a table lives in.
"""

from storage.models.avvikelse import Avvikelse, AvvikelseStatus, FollowUp, FollowUpStatus, Measure
from storage.models.frist import CaseDeadline, FristStatus
from storage.models.lex_sarah import LexSarahReport, LexSarahStatus
from storage.models.org import Person, Role, Unit
from storage.models.platform import AuditEntry, NumberSequence, OutboxMessage, OutboxStatus, ProcessedRequest
from storage.models.rutiner import RoutineDocument, RoutineFeedback, RoutineSection
from storage.models.teams import TeamsConversation

__all__ = [
    "AuditEntry", "Avvikelse", "AvvikelseStatus", "CaseDeadline", "FollowUp", "FollowUpStatus", "FristStatus",
    "LexSarahReport", "LexSarahStatus", "Measure", "NumberSequence", "OutboxMessage", "OutboxStatus", "Person",
    "ProcessedRequest", "Role", "RoutineDocument", "RoutineFeedback", "RoutineSection", "Unit",
]
__all__ += ["TeamsConversation"]
