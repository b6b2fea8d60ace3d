"""Django's Redis cache backend, keeping one client per connection pool.

Django builds a new `redis.Redis` for every cache call, and building one costs
about as much as the GET itself (redis-py copies its table of response
callbacks each time). A client holds no connection of its own; it is a
thread-safe front to its pool, so one per pool serves every call in the
process. Connections, timeouts and failures behave exactly as before.
"""

from django.core.cache.backends import redis as django_redis


class ReusingClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingClient
