interface Settings {
  theme: 'light' | 'dark';
  fontSize: number;
}

export function readSettings(text: string): Settings {
  const settings = JSON.parse(text) as Settings;
  return { theme: settings.theme, fontSize: Number(settings.fontSize) };
}

export async function loadWidgets(endpoint: string): Promise<unknown[]> {
  const res = await fetch(endpoint);
  const widgetsJson: string = await res.text();
  return JSON.parse(widgetsJson) as unknown[];
}

export function restore(snapshot: string): Map<string, number> {
  const entries: [string, number][] = JSON.parse(snapshot);
  return new Map(entries);
}
