package com.example.jobs;

import jakarta.inject.Inject;
import jakarta.validation.Valid;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.EmitsEvent;
import org.cdigateway.GatewayClient;
import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/** Background jobs: start one over the socket, get its progress events until it is done. */
// tag::gateway[]
@WebSocketGateway("/jobs")
public class JobsGateway {

    @Inject
    JobRunner runner;

    @SubscribeMessage("start")
    @EmitsEvent(name = "progress", payload = Progress.class, description = "How far the job is, to its client")
    @EmitsEvent(name = "done", payload = Progress.class, description = "The job finished")
    public JobStarted start(@Valid @MessageBody JobRequest request, @ConnectedSocket GatewayClient client) {
        return runner.start(request, client); // replies at once; progress events follow from the job's thread
    }
}
// end::gateway[]
