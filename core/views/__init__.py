"""Core views: public pages, health, and notifications."""
