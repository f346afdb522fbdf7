export function showUser(): void {
  const params = new URLSearchParams(location.search);
  const username: string = params.get('user') ?? 'guest';
  document.getElementById('username')!.innerHTML = username;
}

export function showNotice(): void {
  const banner = document.querySelector<HTMLDivElement>('#notice') as HTMLDivElement;
  const notice = decodeURIComponent(location.hash.substring(1));
  banner.innerHTML = notice;
}

export function showLastSearch(list: HTMLUListElement): void {
  const last: string | null = new URL(document.URL).searchParams.get('q');
  list.insertAdjacentHTML('afterbegin', last as string);
}
