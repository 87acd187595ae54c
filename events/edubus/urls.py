app_name = "edubus"

urlpatterns: list = []
