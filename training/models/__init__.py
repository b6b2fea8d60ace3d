from training.models.opportunity import (
    TrainingOpportunity,
    TrainingProvider,
    TrainingSession,
)
from training.models.participation import TrainingBooking, TrainingInterest

__all__ = [
    "TrainingBooking",
    "TrainingInterest",
    "TrainingOpportunity",
    "TrainingProvider",
    "TrainingSession",
]
