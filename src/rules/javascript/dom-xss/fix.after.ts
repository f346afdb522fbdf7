export function showUser(): void {
  const params = new URLSearchParams(location.search);
  const username: string = params.get('user') ?? 'guest';
  document.getElementById('username')!.textContent = username;
}

export function showNotice(): void {
  const banner = document.querySelector<HTMLDivElement>('#notice') as HTMLDivElement;
  const notice = decodeURIComponent(location.hash.substring(1));
  banner.textContent = notice;
}

export function showLastSearch(list: HTMLUListElement): void {
  const last: string | null = new URL(document.URL).searchParams.get('q');
  list.insertAdjacentText('afterbegin', last as string);
}
