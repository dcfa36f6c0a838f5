import { QueryClientProvider } from '@tanstack/react-query';
import { createContext, useContext, useState, type ReactNode } from 'react';
import type { ApiClient } from './api-client';
import { createQueryClient } from './query';

const ApiContext = createContext<ApiClient | undefined>(undefined);

/** The API client and the query cache of what it answered; one of each per window (or per component test). */
export function ApiProvider({ api, children }: { api: ApiClient; children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <ApiContext.Provider value={api}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </ApiContext.Provider>
  );
}

/** The API client; features never build their own, so tests can point the whole UI at a test server. */
export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi must be used inside <ApiProvider>');
  return api;
}
