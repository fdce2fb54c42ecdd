package dev.nome.runner.model;

/** Sends one turn of a run's conversation to its model. */
public interface ModelClient {

  /**
   * @throws ModelException when the provider refuses or fails after its bounded retries
   * @throws InterruptedException when the run is being stopped
   */
  ModelReply send(ModelRequest request) throws ModelException, InterruptedException;
}
