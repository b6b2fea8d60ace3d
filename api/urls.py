from django.urls import path  # noqa: F401 - patterns are added as pages land

app_name = "api"

urlpatterns: list = []
