import { Injectable } from '@nestjs/common';
import { PublicServicesClient } from '../../services/public-services-client';
import { PublicMunicipalityListing, publicMunicipalitiesResponse } from './public.schema';

/** /offentlig: the municipalities with at least one plan that opted in to the public page. */
@Injectable()
export class ListPublicMunicipalities {
  constructor(private readonly services: PublicServicesClient) {}

  execute(): Promise<PublicMunicipalityListing[]> {
    return this.services.get('goals', '/v1/public/municipalities', publicMunicipalitiesResponse);
  }
}
