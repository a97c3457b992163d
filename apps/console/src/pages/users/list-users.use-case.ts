import { ForbiddenException, Injectable } from '@nestjs/common';
import { UserRecord, UsersRepository } from '../../users/users.repository';
import { coversAll, Viewer } from '../../web/viewer';
import { LinkChoices, LoadLinkChoices } from './link-choices';

/** The users admin page: every user with the owners and recipients they can be linked to. */
@Injectable()
export class ListUsers {
  constructor(
    private readonly users: UsersRepository,
    private readonly links: LoadLinkChoices,
  ) {}

  async execute(viewer: Viewer): Promise<{ users: UserRecord[]; links: LinkChoices }> {
    if (!coversAll(viewer)) throw new ForbiddenException('only unscoped admins manage users');
    const [users, links] = await Promise.all([this.users.list(), this.links.execute(viewer)]);
    return { users, links };
  }
}
