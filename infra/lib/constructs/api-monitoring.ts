/**
 * Alarms and a dashboard for the HTTP API: per route, the share of 5xx answers and the p99
 * latency (API Gateway's detailed metrics, which the stage turns on); per function, errors,
 * throttles and duration. Alarms notify one SNS topic (an email subscribes when configured).
 */
import { Duration, Validations } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface ApiMonitoringProps {
  api: IHttpApi;
  stageName: string;
  /** Each route's path (every route answers ANY method), by the group it belongs to. */
  routes: Record<string, string[]>;
  functions: Record<string, IFunction>;
  serverErrorRate: number;
  p99LatencyMs: number;
  email: string | undefined;
  dashboardName: string;
}

const PERIOD = Duration.minutes(5);

export class ApiMonitoring extends Construct {
  readonly alarms: Alarm[] = [];
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: ApiMonitoringProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Alarms', { enforceSSL: true });
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications carry no data beyond the alarm name and state; a customer-managed KMS key (which CloudWatch would need to publish) costs more than it protects here.',
    });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
    const dashboard = new Dashboard(this, 'Dashboard', { dashboardName: props.dashboardName });
    for (const [group, paths] of Object.entries(props.routes)) {
      const widgets = paths.map((path) => this.watchRoute(props, group, path));
      dashboard.addWidgets(...widgets.flat());
    }
    dashboard.addWidgets(
      ...Object.entries(props.functions).map(
        ([group, fn]) =>
          new GraphWidget({
            title: `${group} function`,
            left: [fn.metricErrors({ period: PERIOD }), fn.metricThrottles({ period: PERIOD })],
            right: [fn.metricDuration({ period: PERIOD, statistic: 'p99' })],
          }),
      ),
    );
  }

  private routeMetric(props: ApiMonitoringProps, path: string, metricName: string, statistic: string) {
    return new Metric({
      namespace: 'AWS/ApiGateway',
      metricName,
      statistic,
      period: PERIOD,
      dimensionsMap: { ApiId: props.api.apiId, Stage: props.stageName, Resource: path, Method: 'ANY' },
    });
  }

  /** The route's two alarms and its dashboard widgets. */
  private watchRoute(props: ApiMonitoringProps, group: string, path: string): GraphWidget[] {
    const errorRate = new MathExpression({
      expression: 'IF(requests > 0, errors / requests, 0)',
      usingMetrics: {
        errors: this.routeMetric(props, path, '5xx', 'Sum'),
        requests: this.routeMetric(props, path, 'Count', 'Sum'),
      },
      label: `${path} 5xx rate`,
      period: PERIOD,
    });
    const latency = this.routeMetric(props, path, 'Latency', 'p99');
    const action = new SnsAction(this.topic);
    const id = path.replace(/[^A-Za-z0-9]/g, '');
    for (const [kind, metric, threshold] of [
      ['ServerErrors', errorRate, props.serverErrorRate],
      ['P99Latency', latency, props.p99LatencyMs],
    ] as const) {
      const alarm = new Alarm(this, `${kind}${id}`, {
        alarmDescription: `${group}: ${kind === 'ServerErrors' ? 'share of 5xx answers' : 'p99 latency (ms)'} on ANY ${path} above ${threshold}`,
        metric,
        threshold,
        evaluationPeriods: 2,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms.push(alarm);
    }
    return [
      new GraphWidget({ title: `${path}: 5xx rate`, left: [errorRate] }),
      new GraphWidget({ title: `${path}: p99 latency`, left: [latency] }),
    ];
  }
}
