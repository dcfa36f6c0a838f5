import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// These tests render against a real server process; on a 2-core machine that
// is also running other suites, a first answer can take more than the
// library's default second without anything being wrong.
configure({ asyncUtilTimeout: 5000 });

afterEach(cleanup);
