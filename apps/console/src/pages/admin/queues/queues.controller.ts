import { All, Controller, Get, MethodNotAllowedException, NotFoundException, Param, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireRole } from '../../../web/access';
import { languageOf } from '../../../web/language';
import { PageRenderer } from '../../../web/page-renderer';
import { signedIn } from '../../../web/signed-in';
import { ConsoleRequest } from '../../../web/viewer';
import { adminView } from '../admin-view';
import { LoadQueues } from './load-queues.use-case';
import { consoleBoardPath, isQueueBoardService } from './queue-boards';
import { QueueBoardProxy } from './queue-board-proxy';
import { QUEUES_TEXTS } from './queues.texts';

/** Bull Board reads with GET and retries with PUT; nothing else goes through. */
const BOARD_METHODS = new Set(['GET', 'HEAD', 'PUT']);

/** Admin → queues: every service's Bull queues with their counts, and each service's Bull Board through the console. */
@Controller('admin/queues')
@RequireRole('admin')
export class AdminQueuesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly loadQueues: LoadQueues,
    private readonly proxy: QueueBoardProxy,
  ) {}

  @Get()
  async overview(@Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const texts = QUEUES_TEXTS[languageOf(request)];
    const services = await this.loadQueues.execute(signedIn(request));
    this.pages.send(
      request,
      response,
      'pages/admin/queues/queues',
      { ...adminView(request, 'queues'), texts, services, boardPath: consoleBoardPath },
      { title: texts.title, nav: 'admin' },
    );
  }

  @All(':service{/*path}')
  async board(@Req() request: ConsoleRequest, @Res() response: Response, @Param('service') service: string): Promise<void> {
    if (!isQueueBoardService(service)) throw new NotFoundException();
    if (!BOARD_METHODS.has(request.method)) throw new MethodNotAllowedException('The queue board only reads and retries.');
    // The board's page and its links are based under the trailing slash.
    if (request.path === consoleBoardPath(service)) return response.redirect(308, `${consoleBoardPath(service)}/`);
    await this.proxy.forward(signedIn(request), service, request, response);
  }
}
