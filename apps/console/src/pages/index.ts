import type { ConsolePage } from '../web/console-page';
import { BoardController } from './board/board.controller';
import { LoadBoard } from './board/load-board.use-case';
import { AccessibilityController } from './accessibility/accessibility.controller';
import { ADMIN_PAGES } from './admin/admin.pages';
import { LanguageController } from './language/language.controller';
import { SignInController } from './sign-in/sign-in.controller';
import { SignIn } from './sign-in/sign-in.use-case';
import { SignOut } from './sign-in/sign-out.use-case';

/**
 * Every page or feature of the console, one folder each (controller + use cases + templates + texts).
 * To add one: create pages/<name>/, then list its controller and use cases here.
 */
export const CONSOLE_PAGES: ConsolePage[] = [
  { controllers: [SignInController], providers: [SignIn, SignOut] },
  { controllers: [BoardController], providers: [LoadBoard] },
  { controllers: [LanguageController], providers: [] },
  { controllers: [AccessibilityController], providers: [] },
  ...ADMIN_PAGES,
];
