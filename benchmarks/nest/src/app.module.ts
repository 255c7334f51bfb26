import { Module } from '@nestjs/common';
import { BenchGateway } from './bench.gateway';

@Module({ providers: [BenchGateway] })
export class AppModule {}
