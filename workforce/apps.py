from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "workforce"

    def ready(self):
        from network import extensions
        from workforce.summaries import trust_summary

        extensions.add_trust_summary("workforce_summary", trust_summary)
