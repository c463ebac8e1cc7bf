import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export const API_DOCS_PATH = 'api/docs';

/**
 * The OpenAPI document, built from the controllers and their decorators at start, and a
 * browsable page for it. Swagger UI's files come from the installed package (no CDN). Both are
 * public: they describe routes, and every route they describe still needs the token.
 */
export function setUpApiDocs(app: NestExpressApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Sluice API')
    .setDescription('Upload CSV files, approve them for a webhook endpoint, follow every delivery.')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'SLUICE_API_TOKEN' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup(API_DOCS_PATH, app, document, {
    jsonDocumentUrl: `${API_DOCS_PATH}/openapi.json`,
    yamlDocumentUrl: `${API_DOCS_PATH}/openapi.yaml`,
    customSiteTitle: 'Sluice API',
  });
}
