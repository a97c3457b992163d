import type { ConsolePage } from '../web/console-page';
import { BoardController } from './board/board.controller';
import { LoadBoard } from './board/load-board.use-case';
import { AccessibilityController } from './accessibility/accessibility.controller';
import { LanguageController } from './language/language.controller';
import { SignInController } from './sign-in/sign-in.controller';
import { SignIn } from './sign-in/sign-in.use-case';
import { SignOut } from './sign-in/sign-out.use-case';
import { DataImportsController } from './data/imports/imports.controller';
import { GetImport } from './data/imports/get-import.use-case';
import { ListImports } from './data/imports/list-imports.use-case';
import { UploadImport } from './data/imports/upload-import.use-case';
import { DataPullsController } from './data/pulls/pulls.controller';
import { LoadPulls } from './data/pulls/load-pulls.use-case';
import { RunPull } from './data/pulls/run-pull.use-case';
import { DataQualityController } from './data/quality/quality.controller';
import { ListFlags } from './data/quality/list-flags.use-case';
import { DataRevisionsController } from './data/revisions/revisions.controller';
import { LoadRevisions } from './data/revisions/load-revisions.use-case';

/**
 * Every page or feature of the console, one folder each (controller + use cases + templates + texts).
 * To add one: create pages/<name>/, then list its controller and use cases here.
 */
export const CONSOLE_PAGES: ConsolePage[] = [
  { controllers: [SignInController], providers: [SignIn, SignOut] },
  { controllers: [BoardController], providers: [LoadBoard] },
  { controllers: [LanguageController], providers: [] },
  { controllers: [AccessibilityController], providers: [] },
  { controllers: [DataImportsController], providers: [UploadImport, ListImports, GetImport] },
  { controllers: [DataPullsController], providers: [LoadPulls, RunPull] },
  { controllers: [DataQualityController], providers: [ListFlags] },
  { controllers: [DataRevisionsController], providers: [LoadRevisions] },
];
