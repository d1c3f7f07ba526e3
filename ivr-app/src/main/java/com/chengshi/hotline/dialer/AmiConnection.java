package com.chengshi.hotline.dialer;

import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The app's connection to Asterisk's Manager Interface, through asterisk-java. asterisk-java reconnects a connection
 * that was up and broke (an Asterisk restart) by itself; this class logs one line when it is lost and one when it is
 * back, never one per retry, and logs in again itself when Asterisk was not there at the first login.
 */
final class AmiConnection {

    private static final Logger log = LoggerFactory.getLogger(AmiConnection.class);

    private final DialerProperties.Ami settings;
    private final ManagerConnection connection;
    /** Whether the loss of the connection (or the failed first login) has been told and its return not yet. */
    private final AtomicBoolean lost = new AtomicBoolean();

    AmiConnection(DialerProperties.Ami settings, ManagerEventListener events) {
        this.settings = settings;
        this.connection = new ManagerConnectionFactory(settings.host(), settings.port(), settings.username(),
                settings.secret()).createManagerConnection();
        connection.addEventListener(event -> {
            watch(event);
            events.onManagerEvent(event);
        });
    }

    private void watch(ManagerEvent event) {
        if (event instanceof DisconnectEvent && lost.compareAndSet(false, true)) {
            log.warn("Lost the AMI connection to {}: calls back wait until it is back (asterisk-java reconnects)",
                    settings);
        } else if (event instanceof ConnectEvent && lost.compareAndSet(true, false)) {
            log.info("AMI connection to {} is back", settings);
        }
    }

    /** Whether actions can be sent now; logs in when no login has succeeded yet (or it was refused). */
    boolean ready() {
        ManagerConnectionState state = connection.getState();
        if (state == ManagerConnectionState.CONNECTED) {
            return true;
        }
        if (state != ManagerConnectionState.INITIAL && state != ManagerConnectionState.DISCONNECTED) {
            return false; // connecting or reconnecting: asterisk-java is at it
        }
        try {
            connection.login();
            if (lost.compareAndSet(true, false)) {
                log.info("AMI connection to {} is back", settings);
            } else {
                log.info("Logged in to AMI at {}", settings);
            }
            return true;
        } catch (AuthenticationFailedException e) {
            if (lost.compareAndSet(false, true)) {
                log.error("AMI at {} refused the login (check manager.conf and hotline.dialer.ami.*): {}", settings,
                        e.getMessage());
            }
        } catch (IOException | TimeoutException | IllegalStateException e) {
            if (lost.compareAndSet(false, true)) {
                log.warn("Cannot reach AMI at {} ({}): calls back wait until it can be", settings, e.getMessage());
            }
        }
        return false;
    }

    /**
     * Sends an asynchronous Originate; its outcome comes later as an OriginateResponse event.
     *
     * @return null when Asterisk queued it, else why it did not
     */
    String originate(OriginateAction originate) {
        originate.setAsync(true);
        try {
            ManagerResponse response = connection.sendAction(originate);
            return response instanceof ManagerError ? "Originate refused: " + response.getMessage() : null;
        } catch (IOException | TimeoutException | IllegalStateException e) {
            return "Originate not sent: " + e.getMessage();
        }
    }

    void close() {
        if (connection.getState() == ManagerConnectionState.CONNECTED) {
            connection.logoff();
        }
    }
}
