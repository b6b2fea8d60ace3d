from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "workforce"

    def ready(self):
        from network import extensions
        from workforce import figures_cache
        from workforce.summaries import trust_summary

        figures_cache.connect()

        extensions.add_trust_summary("workforce_summary", trust_summary)
