/**
 * Submitting without git: GitHub's own pages for a new file (prefilled with the request) and for
 * uploading files into the request's folder. GitHub forks the repository for someone who cannot write
 * to it and then offers the pull request. The repository and branch come from the site's configuration.
 */
export interface Site {
  repository: string;
  branch: string;
}

const GITHUB = 'https://github.com';

/** Each segment of a path encoded for a URL, the slashes kept. */
function pathUrl(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** GitHub's new-file page for `path` on the site's branch, with `yaml` filled in. */
export function proposeUrl(site: Site, path: string, yaml: string): string {
  const query = new URLSearchParams({ filename: path, value: yaml });
  return `${GITHUB}/${pathUrl(site.repository)}/new/${pathUrl(site.branch)}?${query.toString()}`;
}

/** GitHub's upload page for the request's own folder of supporting documents. */
export function uploadUrl(site: Site, folder: string): string {
  return `${GITHUB}/${pathUrl(site.repository)}/upload/${pathUrl(site.branch)}/${pathUrl(folder)}`;
}
