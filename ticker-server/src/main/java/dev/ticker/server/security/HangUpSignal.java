package dev.ticker.server.security;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Runs an action when the process gets SIGHUP, the signal operators send to make a server read
 * its files again. The JDK has no public API for signals: {@code sun.misc.Signal} (module
 * {@code jdk.unsupported}) is the one every JDK ships, reached by reflection because javac
 * warns on any direct use and the build treats warnings as errors.
 */
public final class HangUpSignal
{
    private HangUpSignal()
    {
    }

    /**
     * Installs the action as the process's SIGHUP handler, replacing the JVM's (which would exit).
     *
     * @return false when this JVM or platform does not let a program handle SIGHUP (the action then never runs).
     */
    public static boolean onHangUp(final Runnable action)
    {
        try
        {
            final Class<?> signalClass = Class.forName("sun.misc.Signal");
            final Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            final Object signal = signalClass.getConstructor(String.class).newInstance("HUP");
            final Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[]{handlerClass},
                (proxy, method, args) ->
                {
                    if ("handle".equals(method.getName()))
                    {
                        action.run();
                        return null;
                    }
                    return switch (method.getName())
                    {
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "SIGHUP handler";
                    };
                });
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
            return true;
        }
        catch (final ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException ex)
        {
            return false;
        }
        catch (final InvocationTargetException ex)
        {
            // IllegalArgumentException: the signal is unknown here or already used by the JVM (e.g. -Xrs)
            return false;
        }
    }
}
