from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "network"

    def ready(self):
        from network import actions_cache

        actions_cache.connect()
