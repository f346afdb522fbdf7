import requests
import httpx


def fetch_orders(api_url, token):
    resp = requests.get(
        f"{api_url}/orders",
        headers={"Authorization": f"Bearer {token}"},
    )
    resp.raise_for_status()
    return resp.json()


def post_webhook(url, payload):
    return requests.post(url, json=payload, timeout=10)


def download_report(base_url, report_id):
    session = requests.Session()
    response = session.get(f"{base_url}/reports/{report_id}")
    return response.content


async def call_service(url):
    async with httpx.AsyncClient(timeout=5.0) as client:
        return (await client.get(url)).json()


def health_check(url):
    return httpx.get(url, timeout=3).status_code == 200
